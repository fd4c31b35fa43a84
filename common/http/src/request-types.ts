// Adds the field correlationId() sets to every Express request. Imported (for its types) by the package
// entry, so any service that imports @partyline/http sees it.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by correlationId(). */
      correlationId?: string;
    }
  }
}

export {};
