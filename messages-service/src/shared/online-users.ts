// The presence port: who of a list of users has a live socket on any instance (the gateway's Redis store).
export interface OnlineUsers {
  online(userIds: readonly string[]): Promise<string[]>;
}

/** Without a gateway (seeding, benchmarks of the REST app) nobody is online. */
export const nobodyOnline: OnlineUsers = { online: async () => [] };
