// Adds the field requireAuth sets to every Express request. Imported (for its types) by the package
// entry, so any service that imports @partyline/auth sees it.
import type { AuthUser } from '../tokens/verifier.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by requireAuth. Use `authUser(req)` in handlers for a non-optional value. */
      user?: AuthUser;
    }
  }
}

export {};
