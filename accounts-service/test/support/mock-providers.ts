// Local OAuth 2.0 servers (oauth2-mock-server) standing in for Google and GitHub, so the real passport
// strategies run end to end. Profiles are set per test through the library's beforeUserinfo hook; GitHub's
// /user/emails is a second mock server whose "userinfo" endpoint is mounted at that path.
import { OAuth2Server } from 'oauth2-mock-server';

/** What the token endpoint is about to answer (mutable in the beforeResponse hook). */
interface TokenResponse {
  body: unknown;
  statusCode: number;
}

/** One mock server; `tokenRequests` collects the token requests' bodies (to see the PKCE verifier). */
async function startServer(
  userinfoPath: string,
  body: () => unknown,
  tokenRequests: Record<string, unknown>[],
) {
  const server = new OAuth2Server(undefined, undefined, { endpoints: { userinfo: userinfoPath } });
  await server.issuer.keys.generate('RS256');
  server.service.on('beforeUserinfo', (response: { body: unknown }) => {
    response.body = body();
  });
  server.service.on('beforeResponse', (_response: unknown, req: { body: Record<string, unknown> }) => {
    tokenRequests.push({ ...req.body });
  });
  await server.start(0, '127.0.0.1');
  const failNextTokenRequest = () => {
    server.service.once('beforeResponse', (response: TokenResponse) => {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant' };
    });
  };
  return { server, url: server.issuer.url!, failNextTokenRequest };
}

export interface GoogleUserinfo {
  sub: string;
  name?: string;
  given_name?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
}

export async function startMockGoogle() {
  const tokenRequests: Record<string, unknown>[] = [];
  let userinfo: GoogleUserinfo = { sub: 'google-0' };
  const { server, url, failNextTokenRequest } = await startServer('/userinfo', () => userinfo, tokenRequests);
  return {
    url,
    tokenRequests,
    failNextTokenRequest,
    setUserinfo(next: GoogleUserinfo) {
      userinfo = next;
    },
    env: {
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_AUTHORIZATION_URL: `${url}/authorize`,
      GOOGLE_TOKEN_URL: `${url}/token`,
      GOOGLE_USERINFO_URL: `${url}/userinfo`,
    },
    stop: () => server.stop(),
  };
}

export interface GitHubUser {
  id: number;
  login: string;
  name?: string | null;
  avatar_url?: string;
}
export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility?: string | null;
}

export async function startMockGitHub() {
  const tokenRequests: Record<string, unknown>[] = [];
  let user: GitHubUser = { id: 1, login: 'octocat' };
  let emails: GitHubEmail[] = [];
  const main = await startServer('/user', () => user, tokenRequests);
  const emailServer = await startServer('/user/emails', () => emails, []);
  return {
    url: main.url,
    tokenRequests,
    setUser(next: GitHubUser, nextEmails: GitHubEmail[]) {
      user = next;
      emails = nextEmails;
    },
    env: {
      GITHUB_CLIENT_ID: 'github-client',
      GITHUB_CLIENT_SECRET: 'github-secret',
      GITHUB_AUTHORIZATION_URL: `${main.url}/authorize`,
      GITHUB_TOKEN_URL: `${main.url}/token`,
      GITHUB_USER_URL: `${main.url}/user`,
      GITHUB_EMAILS_URL: `${emailServer.url}/user/emails`,
    },
    async stop() {
      await Promise.all([main.server.stop(), emailServer.server.stop()]);
    },
  };
}
