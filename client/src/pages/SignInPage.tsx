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
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';

import { errorMessage } from '../api/apiSlice';
import { useAppSelector } from '../app/hooks';
import { GitHubIcon, GoogleIcon } from '../components/icons';
import { Logo } from '../components/Logo';
import { safeReturnTo, useDevSignInMutation, useGetProvidersQuery } from '../features/auth/authApi';
import { selectAuthStatus } from '../features/auth/authSlice';

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
  const [params] = useSearchParams();
  const oauthError = params.get('error');

  if (status === 'authenticated') return <Navigate to={returnTo} replace />;

  const submitDev = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await devSignIn({ username: username.trim() }).unwrap();
      navigate(returnTo, { replace: true });
    } catch (err) {
      setError(errorMessage(err, 'Could not sign in.'));
    }
  };

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
                  <FormControl isInvalid={error !== null}>
                    <FormLabel>Username</FormLabel>
                    <Input
                      name="username"
                      value={username}
                      onChange={(e) => setUsername(e.target.value)}
                      placeholder="alice"
                      autoComplete="username"
                      autoFocus
                    />
                    <FormHelperText>Dev sign-in: no password, for local use only.</FormHelperText>
                  </FormControl>
                  {error && (
                    <Text color="red.500" fontSize="sm" role="alert">
                      {error}
                    </Text>
                  )}
                  <Button type="submit" isLoading={signingIn} isDisabled={!username.trim()} size="lg">
                    Sign in
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
