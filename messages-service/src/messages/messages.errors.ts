// Raised by the messages repository, handled by the messages service.

/** The (author, nonce) pair was already used: the send is a retry. */
export class DuplicateNonceError extends Error {}
