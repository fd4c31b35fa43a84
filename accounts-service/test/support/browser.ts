// A fetch that behaves like a browser for our purposes: it keeps cookies (by name) and never follows
// redirects by itself, so tests walk each hop and see every Location and Set-Cookie.
export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  location: string | null;
  setCookies: string[];
}

export class Browser {
  readonly cookies = new Map<string, string>();

  async request(
    url: string,
    init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) this.store(line);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return {
      status: res.status,
      headers: res.headers,
      body,
      location: res.headers.get('location'),
      setCookies,
    };
  }

  private store(line: string): void {
    const [pair, ...attrs] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq < 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.trim().split('=');
      if (k?.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k?.toLowerCase() === 'expires') return new Date(v ?? '').getTime() < Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The attributes of the Set-Cookie line for `name`, lower-cased, e.g. ['httponly', 'path=/api/auth']. */
export function cookieAttributes(reply: Reply, name: string): string[] | undefined {
  const line = reply.setCookies.find((l) => l.startsWith(`${name}=`));
  return line
    ?.split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());
}
