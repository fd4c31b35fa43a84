import { Button, Center, Heading, Input, InputGroup, Spinner, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';

import { Logo } from '../components/Logo';
import { useCreatePartyModal } from '../features/parties/PartyRail';
import { inviteCodeFrom } from '../features/invites/inviteCode';
import { useGetPartiesQuery } from '../features/parties/partiesApi';
import { NavToggle } from './NavToggle';

/** `/` when signed in: the first party, or an empty state to create or join one. */
export function HomePage() {
  const { data: parties, isLoading } = useGetPartiesQuery();
  const create = useCreatePartyModal();
  const navigate = useNavigate();
  const [link, setLink] = useState('');

  if (isLoading) {
    return (
      <Center flex="1">
        <Spinner color="brand.500" label="Loading your parties" />
      </Center>
    );
  }
  const first = parties?.[0];
  if (first) return <Navigate to={`/parties/${first.id}`} replace />;

  const openInvite = (e: FormEvent) => {
    e.preventDefault();
    const code = inviteCodeFrom(link);
    if (code) navigate(`/invite/${encodeURIComponent(code)}`);
  };

  return (
    <Center flex="1" p="6" position="relative">
      <NavToggle position="absolute" top="3" left="3" />
      <Stack spacing="5" maxW="md" textAlign="center" align="center" data-testid="empty-state">
        <Logo size={56} />
        <Heading size="lg">Start your first party</Heading>
        <Text color="fg.muted">
          A party is a home for your group — friends, a team, a club. Create one and invite people with a
          link, or join one you’ve been invited to.
        </Text>
        <Button size="lg" onClick={create.open}>
          Create a party
        </Button>
        <Text fontSize="sm" color="fg.subtle">
          Have an invite link?
        </Text>
        <form onSubmit={openInvite} style={{ width: '100%' }}>
          <InputGroup size="md">
            <Input
              value={link}
              onChange={(e) => setLink(e.target.value)}
              placeholder="Paste an invite link"
              aria-label="Invite link"
            />
          </InputGroup>
          <Button type="submit" variant="outline" mt="2" w="full" isDisabled={!inviteCodeFrom(link)}>
            Open invite
          </Button>
        </form>
      </Stack>
      {create.modal}
    </Center>
  );
}
