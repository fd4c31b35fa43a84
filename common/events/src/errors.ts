/** Thrown by a handler for an event that can never be applied: it goes to the DLT without retries. */
export class PoisonEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonEventError';
  }
}
