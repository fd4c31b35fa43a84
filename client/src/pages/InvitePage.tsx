import { Avatar, Button, Card, CardBody, Center, Heading, Spinner, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';

import { errorCode, errorMessage } from '../api/apiSlice';
import type { PublicInvitePreview } from '../api/types';
import { useAppSelector } from '../app/hooks';
import { Logo } from '../components/Logo';
import { partyInitials } from '../components/partyInitials';
import { selectAuthStatus } from '../features/auth/authSlice';
import {
  useAcceptInviteMutation,
  useGetInvitePreviewQuery,
  useGetPublicInvitePreviewQuery,
} from '../features/invites/invitesApi';
import { useGetPartiesQuery } from '../features/parties/partiesApi';

/**
 * /invite/:code — preview the party, then join it. Signed-out visitors see which party invited them (the
 * public preview: its name and size) and sign in to join; they come back here afterwards.
 */
export function InvitePage() {
  const { code = '' } = useParams();
  const status = useAppSelector(selectAuthStatus);
  return (
    <Center minH="100%" p="4" bg="bg.sidebar">
      <Card w="full" maxW="sm" variant="outline" data-testid="invite-card" as="main">
        <CardBody>
          {status === 'unknown' ? (
            <Loading />
          ) : status === 'anonymous' ? (
            <SignedOutInvite code={code} />
          ) : (
            <SignedInInvite code={code} />
          )}
        </CardBody>
      </Card>
    </Center>
  );
}

function Loading() {
  return (
    <Center py="8">
      <Spinner color="brand.500" label="Loading invite" />
    </Center>
  );
}

function PartyHeader({ preview }: { preview: PublicInvitePreview }) {
  return (
    <>
      <Text fontSize="sm" color="fg.muted">
        You’ve been invited to join
      </Text>
      <Avatar
        name={preview.partyName}
        getInitials={partyInitials}
        size="lg"
        borderRadius="xl"
        bg="brand.600"
        color="white"
      />
      <Heading as="h1" size="lg" data-testid="invite-party-name">
        {preview.partyName}
      </Heading>
      <Text color="fg.muted">
        {preview.memberCount} {preview.memberCount === 1 ? 'member' : 'members'}
      </Text>
    </>
  );
}

function Invalid({ error }: { error: unknown }) {
  return (
    <Stack spacing="4" textAlign="center" py="4" role="alert">
      <Heading as="h1" size="md">
        This invite link doesn’t work
      </Heading>
      <Text color="fg.muted">
        {errorCode(error) === 'INVITE.INVALID' || !error
          ? 'It may be mistyped, expired, revoked or used up. Ask for a new one.'
          : errorMessage(error)}
      </Text>
      <Button as={RouterLink} to="/" variant="outline">
        Go to Partyline
      </Button>
    </Stack>
  );
}

function SignedOutInvite({ code }: { code: string }) {
  const { data: preview, isLoading, error } = useGetPublicInvitePreviewQuery(code);
  const signIn = `/signin?returnTo=${encodeURIComponent(`/invite/${code}`)}`;
  if (isLoading) return <Loading />;
  const status = (error as { status?: unknown } | undefined)?.status;
  // 404 INVITE.INVALID (and a malformed code) is the same dead end as for a signed-in user.
  if (!preview && (status === 404 || status === 400)) return <Invalid error={{ data: undefined }} />;
  // Any other failure (too many tries, the service away) still lets the visitor sign in and retry there.
  return (
    <Stack spacing="4" align="center" textAlign="center" py="2">
      {preview ? (
        <PartyHeader preview={preview} />
      ) : (
        <>
          <Logo size={48} />
          <Heading as="h1" size="md">
            You’ve been invited to a party on Partyline
          </Heading>
          <Text color="fg.muted">{errorMessage(error, 'Sign in to see which party it is and join it.')}</Text>
        </>
      )}
      <Button as={RouterLink} to={signIn} w="full" size="lg">
        {preview ? `Sign in to join ${preview.partyName}` : 'Sign in to continue'}
      </Button>
      {preview && (
        <Text fontSize="sm" color="fg.muted">
          You’ll come back here to join after signing in.
        </Text>
      )}
    </Stack>
  );
}

function SignedInInvite({ code }: { code: string }) {
  const navigate = useNavigate();
  const { data: preview, isLoading, error } = useGetInvitePreviewQuery(code);
  const { data: parties } = useGetPartiesQuery();
  const [accept, { isLoading: joining }] = useAcceptInviteMutation();
  const [joinError, setJoinError] = useState<string | null>(null);
  const alreadyMember = preview && parties?.some((p) => p.id === preview.partyId);

  const join = async () => {
    if (!preview) return;
    setJoinError(null);
    try {
      const party = await accept(code).unwrap();
      navigate(`/parties/${party.id}`, { replace: true });
    } catch (err) {
      if (errorCode(err) === 'MEMBER.ALREADY_MEMBER')
        navigate(`/parties/${preview.partyId}`, { replace: true });
      else if (errorCode(err) === 'MEMBER.BANNED') setJoinError('You are banned from this party.');
      else setJoinError(errorMessage(err, 'Could not join the party.'));
    }
  };

  if (isLoading) return <Loading />;
  if (error || !preview) return <Invalid error={error} />;
  return (
    <Stack spacing="4" align="center" textAlign="center" py="2">
      <PartyHeader preview={preview} />
      {joinError && (
        <Text color="fg.danger" role="alert">
          {joinError}
        </Text>
      )}
      {alreadyMember ? (
        <Button w="full" onClick={() => navigate(`/parties/${preview.partyId}`)}>
          You’re already a member — open it
        </Button>
      ) : (
        <Button w="full" size="lg" onClick={() => void join()} isLoading={joining}>
          Join {preview.partyName}
        </Button>
      )}
      <Button as={RouterLink} to="/" variant="ghost" size="sm">
        Not now
      </Button>
    </Stack>
  );
}
