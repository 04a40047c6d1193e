// The error a view regex outside the accepted syntax raises: a message a client can act on, with its position.

export class RegexSyntaxError extends Error {
  constructor(message: string, position?: number) {
    super(position === undefined ? message : `${message} (at character ${position + 1})`);
    this.name = 'RegexSyntaxError';
  }
}
