// The port `teamset serve` listens on by default; also the base of invitation links made on the database.

export const DEFAULT_SERVE_PORT = 5151;
