import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { setupStore } from '../app/store';
import { ME, mockFetch, renderRoutes } from '../test/utils';
import { SignInPage } from './SignInPage';

const anonymous = () =>
  setupStore({ auth: { accessToken: null, expiresAt: null, user: null, status: 'anonymous' } });
const routes = [
  { path: '/signin', element: <SignInPage /> },
  { path: '/invite/:code', element: <div>Back at the invite</div> },
  { path: '/', element: <div>Home</div> },
];

afterEach(() => vi.unstubAllGlobals());

describe('the sign-in page', () => {
  it('offers Google and GitHub, passing returnTo through the provider round trip', async () => {
    mockFetch(() => ({ status: 200, body: { google: true, github: true, dev: false } }));
    renderRoutes(routes, '/signin?returnTo=%2Finvite%2Fxyz', { store: anonymous() });

    const google = await screen.findByRole('link', { name: /Continue with Google/ });
    expect(google).toHaveAttribute('href', '/api/auth/google?returnTo=%2Finvite%2Fxyz');
    expect(screen.getByRole('link', { name: /Continue with GitHub/ })).toHaveAttribute(
      'href',
      '/api/auth/github?returnTo=%2Finvite%2Fxyz',
    );
    expect(screen.queryByLabelText('Username')).toBeNull();
  });

  it('with dev sign-in on, signs in by username and returns where the visitor was going', async () => {
    let signedInAs = '';
    mockFetch(({ path, body }) => {
      if (path === '/api/auth/providers')
        return { status: 200, body: { google: false, github: false, dev: true } };
      if (path === '/api/auth/dev') {
        signedInAs = (body as { username: string }).username;
        return { status: 200, body: { accessToken: 't', expiresIn: 600, user: ME } };
      }
      return { status: 404, body: {} };
    });
    const store = anonymous();
    renderRoutes(routes, '/signin?returnTo=%2Finvite%2Fxyz', { store });

    await userEvent.type(await screen.findByLabelText('Username'), 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Back at the invite')).toBeInTheDocument();
    expect(signedInAs).toBe('alice');
    expect(store.getState().auth.status).toBe('authenticated');
  });

  it('refuses to return to another site', async () => {
    mockFetch(({ path }) =>
      path === '/api/auth/providers'
        ? { status: 200, body: { google: false, github: false, dev: true } }
        : { status: 200, body: { accessToken: 't', expiresIn: 600, user: ME } },
    );
    renderRoutes(routes, '/signin?returnTo=%2F%2Fevil.example', { store: anonymous() });
    await userEvent.type(await screen.findByLabelText('Username'), 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Home')).toBeInTheDocument();
  });

  it('says in words what is wrong with a username, before anything is sent', async () => {
    const fetchSpy = mockFetch(() => ({ status: 200, body: { google: false, github: false, dev: true } }));
    renderRoutes(routes, '/signin', { store: anonymous() });
    await userEvent.type(await screen.findByLabelText('Username'), 'Alice Smith');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Use lowercase letters only.');
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchSpy.mock.calls.some(([input]) => String(input).includes('/api/auth/dev'))).toBe(false);
  });

  it('when the server says 429, shows how long to wait and counts it down', async () => {
    mockFetch(({ path }) =>
      path === '/api/auth/providers'
        ? { status: 200, body: { google: false, github: false, dev: true } }
        : {
            status: 429,
            body: {
              error: {
                code: 'RATE_LIMITED',
                message: 'Too many attempts; try again later',
                details: { retryAfterSeconds: 42 },
              },
            },
          },
    );
    renderRoutes(routes, '/signin', { store: anonymous() });
    await userEvent.type(await screen.findByLabelText('Username'), 'alice');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many sign-in attempts from here. Try again in 42 seconds.',
    );
    expect(screen.getByRole('button', { name: 'Wait 42 s' })).toBeDisabled();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Try again in 41 seconds.'), {
      timeout: 2500,
    });
  });
});
