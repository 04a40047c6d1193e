#!/usr/bin/env node
// Launcher for the built CLI. It exists before the build so npm can link `teamset` at install time.
import '../dist/main.js';
