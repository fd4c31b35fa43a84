// Every size limit of the product, in one place. The schemas below are built from these, and the services
// and the client import the same constants (a composer counter, a server-side cap), so a limit is changed
// here once and nowhere else.

/** Characters in a message body. */
export const MESSAGE_BODY_MAX = 4000;
/** Characters in a party name and a topic name (after trimming). */
export const PARTY_NAME_MAX = 100;
export const TOPIC_NAME_MAX = 100;
/** Usernames: 3..32 lowercase letters, digits or underscores. */
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
/** Characters in a display name (after trimming). */
export const DISPLAY_NAME_MAX = 64;
/** Characters in a URL the client sends (avatar, returnTo). */
export const URL_MAX = 2048;
/** A send's idempotency key. */
export const NONCE_MIN = 8;
export const NONCE_MAX = 64;
/** Characters in a ban reason. */
export const BAN_REASON_MAX = 500;
/** Invites: lifetime in seconds and uses. */
export const INVITE_TTL_MIN_SECONDS = 60;
export const INVITE_TTL_MAX_SECONDS = 30 * 24 * 3600;
export const INVITE_MAX_USES_MAX = 10_000;
/** Characters of an invite code in a URL (codes are far shorter; this only bounds what is parsed). */
export const INVITE_CODE_MAX = 200;
/** Attachments: characters of a file name, files per message, and the default size limit in bytes. */
export const ATTACHMENT_NAME_MAX = 255;
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;
export const ATTACHMENT_MAX_BYTES_DEFAULT = 25 * 1024 * 1024;
/** The largest picture a user may upload for an avatar (the stored avatar is a small WebP made from it). */
export const AVATAR_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Side of the square avatar the service makes, in pixels. */
export const AVATAR_SIZE = 256;
/** Picture types accepted for an avatar: raster images only (never SVG, which can carry script). */
export const AVATAR_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** Messages per history page: default and maximum. */
export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 100;
/** Search: query length and results per page. */
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_DEFAULT = 25;
export const SEARCH_PAGE_MAX = 100;
/** At most this many messages are returned per topic by `sync`; beyond it the reply is a gap marker. */
export const SYNC_MAX_MESSAGES = 500;
/** At most this many topics per `sync` request (each named once). */
export const SYNC_MAX_TOPICS = 200;
/**
 * One `sync` reply holds at most this many messages and about this many bytes in all; the topics beyond
 * either cap get a gap marker (the client then loads their history around its position).
 */
export const SYNC_REPLY_MAX_MESSAGES = 1_000;
export const SYNC_REPLY_MAX_BYTES = 2 * 1024 * 1024;
/** How long a `typing` notice lasts unless the sender repeats it. */
export const TYPING_TTL_MS = 6_000;
/** Conversation features (issue 14). A reaction is one emoji of at most this many UTF-16 code units. */
export const REACTION_EMOJI_MAX = 32;
/** Distinct emoji on one message; the next new one is refused (REACTION.TOO_MANY). */
export const REACTIONS_PER_MESSAGE_MAX = 20;
/** Reactors listed per emoji in a message (`reactions[].userIds`): the first ones, by time of reacting. */
export const REACTION_USERS_SHOWN = 25;
/** Characters of a reply's one-line preview of the original (`replyTo.excerpt`). */
export const REPLY_EXCERPT_MAX = 120;
/** At most this many changed older messages per topic in a `sync` reply; beyond it, a gap marker. */
export const SYNC_MAX_CHANGES = 500;
