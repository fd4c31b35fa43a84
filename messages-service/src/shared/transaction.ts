// The transaction port: runs `work` with repositories bound to one database transaction, committed when
// it resolves and rolled back when it throws. Each service names the repositories it needs inside one.
export type Transaction<Repos> = <T>(work: (repos: Repos) => Promise<T>) => Promise<T>;
