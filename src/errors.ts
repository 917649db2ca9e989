// One error class for user-facing failures (STYLE §7): caught in one place, one line, one exit code.

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}
