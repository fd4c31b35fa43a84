import { Avatar, Button, Card, CardBody, Center, Heading, Spinner, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';

import { errorCode, errorMessage } from '../api/apiSlice';
import { partyInitials } from '../components/partyInitials';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { useAcceptInviteMutation, useGetInvitePreviewQuery } from '../features/invites/invitesApi';

/** /invite/:code — preview the party, then join it. Signed-out visitors come back here after signing in. */
export function InvitePage() {
  const { code = '' } = useParams();
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
      else setJoinError(errorMessage(err, 'Could not join the party.'));
    }
  };

  return (
    <Center minH="100%" p="4" bg="bg.sidebar">
      <Card w="full" maxW="sm" variant="outline" data-testid="invite-card">
        <CardBody>
          {isLoading ? (
            <Center py="8">
              <Spinner color="brand.500" label="Loading invite" />
            </Center>
          ) : error || !preview ? (
            <Stack spacing="4" textAlign="center" py="4" role="alert">
              <Heading size="md">This invite link doesn’t work</Heading>
              <Text color="fg.muted">
                {errorCode(error) === 'INVITE.INVALID' || !error
                  ? 'It may be mistyped, expired, revoked or used up. Ask for a new one.'
                  : errorMessage(error)}
              </Text>
              <Button as={RouterLink} to="/" variant="outline">
                Go to Partyline
              </Button>
            </Stack>
          ) : (
            <Stack spacing="4" align="center" textAlign="center" py="2">
              <Text fontSize="sm" color="fg.muted">
                You’ve been invited to join
              </Text>
              <Avatar
                name={preview.partyName}
                getInitials={partyInitials}
                size="lg"
                borderRadius="xl"
                bg="brand.500"
                color="white"
              />
              <Heading size="lg" data-testid="invite-party-name">
                {preview.partyName}
              </Heading>
              <Text color="fg.muted">
                {preview.memberCount} {preview.memberCount === 1 ? 'member' : 'members'}
              </Text>
              {joinError && (
                <Text color="red.500" role="alert">
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
          )}
        </CardBody>
      </Card>
    </Center>
  );
}
