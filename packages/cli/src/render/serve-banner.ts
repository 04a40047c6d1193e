// The lines `teamset serve` starts with: where it runs, on which database, where its log goes, and how to create the first admin.
import type { ServeLogging } from '../serve-logging.js';

export interface ServeBannerFacts {
  url: string;
  database: string;
  logging: ServeLogging;
  setupToken: string | undefined;
}

function logLine({ level, format }: ServeLogging): string {
  const what = format === 'json' ? 'JSON lines' : 'readable lines';
  const requests =
    level === 'debug' || level === 'trace' ? 'with every request' : 'requests at debug: --log-level debug';
  return `standard output, ${what}, level ${level} (${requests}; --log-format json|pretty)`;
}

export function serveBanner(facts: ServeBannerFacts): string {
  const lines = [
    `Teamset is running at ${facts.url} — press Ctrl+C to stop`,
    `  web app   ${facts.url}/`,
    `  database  ${facts.database}`,
    `  log       ${logLine(facts.logging)}`,
  ];
  if (facts.setupToken) {
    lines.push(
      '',
      `No admin yet. Open ${facts.url}/setup and enter this one-time setup token:`,
      '',
      `    ${facts.setupToken}`,
      '',
      'or create one on the database: teamset users create --role ADMIN --email … --name … --password-stdin',
    );
  }
  return lines.join('\n');
}
