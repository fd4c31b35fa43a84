import {
  Alert,
  AlertIcon,
  Box,
  Button,
  Center,
  Divider,
  FormControl,
  FormHelperText,
  FormLabel,
  Heading,
  HStack,
  Input,
  Skeleton,
  Stack,
  Text,
} from '@chakra-ui/react';
import { USERNAME_MAX, USERNAME_MIN } from '@partyline/contracts/limits';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';

import { errorCode, errorMessage } from '../api/apiSlice';
import { useAppSelector } from '../app/hooks';
import { GitHubIcon, GoogleIcon } from '../components/icons';
import { Logo } from '../components/Logo';
import { safeReturnTo, useDevSignInMutation, useGetProvidersQuery } from '../features/auth/authApi';
import { selectAuthStatus } from '../features/auth/authSlice';

/** What is wrong with a username before it is sent, in words (the same rule as the server's). */
export function usernameProblem(value: string): string | null {
  if (value.length < USERNAME_MIN) return `A username has at least ${USERNAME_MIN} characters.`;
  if (value.length > USERNAME_MAX) return `A username has at most ${USERNAME_MAX} characters.`;
  if (/[A-Z]/.test(value)) return 'Use lowercase letters only.';
  if (/\s/.test(value)) return 'A username cannot contain spaces.';
  if (!/^[a-z0-9_]+$/.test(value)) return 'Use only letters a–z, digits and underscores (_).';
  return null;
}

/** Seconds to wait after a 429, from the error body (`details.retryAfterSeconds`). */
function retryAfterOf(error: unknown): number | null {
  const details = (error as { data?: { error?: { details?: { retryAfterSeconds?: unknown } } } } | null)?.data
    ?.error?.details;
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : null;
}

/** Counts down to zero once a second; null when there is nothing to wait for. */
function useCountdown(): [number | null, (seconds: number | null) => void] {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (left === null) return;
    if (left <= 0) return setLeft(null);
    const t = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);
  return [left, setLeft];
}

/** The page to come back to: `?returnTo=` from the link, or the router state of a redirect. */
function useReturnTo(): string {
  const [params] = useSearchParams();
  const location = useLocation();
  const fromState = (location.state as { returnTo?: string } | null)?.returnTo;
  return safeReturnTo(params.get('returnTo') ?? fromState);
}

export function SignInPage() {
  const status = useAppSelector(selectAuthStatus);
  const returnTo = useReturnTo();
  const navigate = useNavigate();
  const { data: providers, isLoading, isError } = useGetProvidersQuery();
  const [devSignIn, { isLoading: signingIn }] = useDevSignInMutation();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [wait, setWait] = useCountdown();
  const [params] = useSearchParams();
  const oauthError = params.get('error');

  if (status === 'authenticated') return <Navigate to={returnTo} replace />;

  const name = username.trim();
  const problem = touched ? usernameProblem(name) : null;
  const submitDev = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setError(null);
    if (usernameProblem(name)) return;
    try {
      await devSignIn({ username: name }).unwrap();
      navigate(returnTo, { replace: true });
    } catch (err) {
      if (errorCode(err) === 'RATE_LIMITED') {
        const seconds = retryAfterOf(err) ?? 60;
        setWait(seconds);
        setError('Too many sign-in attempts from here.');
      } else if (errorCode(err) === 'REQUEST.INVALID') {
        setError(usernameProblem(name) ?? 'That username cannot be used.');
      } else {
        setError(errorMessage(err, 'Could not sign in.'));
      }
    }
  };
  const shownError = problem ?? error;

  const oauthHref = (provider: 'google' | 'github') =>
    `/api/auth/${provider}?returnTo=${encodeURIComponent(returnTo)}`;

  return (
    <Center
      minH="100%"
      p="4"
      bgGradient="linear(to-br, brand.50, bg.app)"
      _dark={{ bgGradient: 'linear(to-br, gray.900, #1a1b2e)' }}
    >
      <Box
        w="full"
        maxW="sm"
        bg="bg.app"
        borderRadius="2xl"
        boxShadow="xl"
        borderWidth="1px"
        borderColor="border"
        p={{ base: 6, md: 8 }}
      >
        <Stack spacing="6">
          <Stack spacing="3" align="center" textAlign="center">
            <Logo size={48} />
            <Heading size="lg">Welcome to Partyline</Heading>
            <Text color="fg.muted">Sign in to talk with your parties.</Text>
          </Stack>
          {(oauthError || isError) && (
            <Alert status="error" borderRadius="md" fontSize="sm">
              <AlertIcon />
              {oauthError
                ? 'Sign-in did not complete. Please try again.'
                : 'Cannot reach the sign-in service right now.'}
            </Alert>
          )}
          {isLoading ? (
            <Stack>
              <Skeleton h="10" />
              <Skeleton h="10" />
            </Stack>
          ) : (
            <Stack spacing="3">
              {providers?.google && (
                <Button
                  as="a"
                  href={oauthHref('google')}
                  variant="outline"
                  colorScheme="gray"
                  leftIcon={<GoogleIcon />}
                  size="lg"
                >
                  Continue with Google
                </Button>
              )}
              {providers?.github && (
                <Button
                  as="a"
                  href={oauthHref('github')}
                  variant="outline"
                  colorScheme="gray"
                  leftIcon={<GitHubIcon />}
                  size="lg"
                >
                  Continue with GitHub
                </Button>
              )}
              {providers && !providers.google && !providers.github && !providers.dev && (
                <Text color="fg.muted" textAlign="center">
                  No sign-in method is configured on this server.
                </Text>
              )}
            </Stack>
          )}
          {providers?.dev && (
            <>
              {(providers.google || providers.github) && (
                <HStack>
                  <Divider />
                  <Text fontSize="xs" color="fg.subtle" whiteSpace="nowrap">
                    or for development
                  </Text>
                  <Divider />
                </HStack>
              )}
              <form onSubmit={submitDev} aria-label="Developer sign-in">
                <Stack spacing="3">
                  <FormControl isInvalid={shownError !== null}>
                    <FormLabel>Username</FormLabel>
                    <Input
                      name="username"
                      value={username}
                      onChange={(e) => {
                        setUsername(e.target.value);
                        setError(null);
                      }}
                      onBlur={() => name && setTouched(true)}
                      aria-describedby="username-help username-error"
                      autoCapitalize="none"
                      spellCheck={false}
                      placeholder="alice"
                      autoComplete="username"
                      autoFocus
                    />
                    <FormHelperText id="username-help">
                      {USERNAME_MIN}–{USERNAME_MAX} lowercase letters, digits or _. Dev sign-in: no password,
                      for local use only.
                    </FormHelperText>
                  </FormControl>
                  {shownError && (
                    <Text
                      id="username-error"
                      color="fg.danger"
                      fontSize="sm"
                      role="alert"
                      data-testid="signin-error"
                    >
                      {shownError}
                      {wait !== null && ` Try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`}
                    </Text>
                  )}
                  <Button type="submit" isLoading={signingIn} isDisabled={!name || wait !== null} size="lg">
                    {wait !== null ? `Wait ${wait} s` : 'Sign in'}
                  </Button>
                </Stack>
              </form>
            </>
          )}
        </Stack>
      </Box>
    </Center>
  );
}
