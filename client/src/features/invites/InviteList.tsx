import { Badge, Box, Button, Center, HStack, Spinner, Stack, Text, useToast } from '@chakra-ui/react';
import { useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Invite, Party } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useGetMembersQuery } from '../members/membersApi';
import { useGetInvitesQuery, useRevokeInviteMutation } from './invitesApi';

const date = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What state an invite is in, as a badge: usable, expired, used up or revoked. */
export function inviteState(invite: Invite, now = Date.now()): 'active' | 'expired' | 'used up' | 'revoked' {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt && Date.parse(invite.expiresAt) <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used up';
  return 'active';
}

/** A party's invites, newest first, with who made each, its uses and expiry, and Revoke. */
export function InviteList({ party }: { party: Party }) {
  const { data: invites, isLoading, error } = useGetInvitesQuery(party.id);
  const { data: members } = useGetMembersQuery(party.id);
  const [revoke] = useRevokeInviteMutation();
  const [asking, setAsking] = useState<Invite | null>(null);
  const toast = useToast();
  const creator = (id: string | null) =>
    (id && members?.find((m) => m.userId === id)?.displayName) || 'a former member';

  if (isLoading) {
    return (
      <Center py="6">
        <Spinner label="Loading invites" />
      </Center>
    );
  }
  if (error) return <Text role="alert">{errorMessage(error, 'Could not load the invites.')}</Text>;
  const sorted = [...(invites ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (sorted.length === 0)
    return <Text color="fg.muted">No invites yet. Create one from the party menu.</Text>;

  return (
    <>
      <Stack as="ul" listStyleType="none" spacing="2" data-testid="invite-list">
        {sorted.map((invite) => {
          const state = inviteState(invite);
          return (
            <HStack
              as="li"
              key={invite.id}
              borderWidth="1px"
              borderColor="border"
              borderRadius="md"
              p="3"
              align="start"
              data-testid="invite-row"
            >
              <Box flex="1" minW={0} fontSize="sm">
                <HStack spacing="2" mb="1">
                  <Badge colorScheme={state === 'active' ? 'green' : 'gray'}>{state}</Badge>
                  <Text color="fg.muted" fontSize="xs">
                    by {creator(invite.createdBy)} · {date(invite.createdAt)}
                  </Text>
                </HStack>
                <Text>
                  {invite.uses} {invite.maxUses === null ? 'uses' : `of ${invite.maxUses} uses`} ·{' '}
                  {invite.expiresAt ? `expires ${date(invite.expiresAt)}` : 'never expires'}
                </Text>
              </Box>
              {state === 'active' && (
                <Button
                  size="sm"
                  variant="outline"
                  colorScheme="red"
                  onClick={() => setAsking(invite)}
                  aria-label={`Revoke the invite made ${date(invite.createdAt)}`}
                >
                  Revoke
                </Button>
              )}
            </HStack>
          );
        })}
      </Stack>
      <ConfirmDialog
        isOpen={asking !== null}
        onClose={() => setAsking(null)}
        title="Revoke invite"
        confirmLabel="Revoke"
        onConfirm={async () => {
          if (!asking) return;
          try {
            await revoke({ partyId: party.id, inviteId: asking.id }).unwrap();
            toast({ status: 'success', title: 'Invite revoked', duration: 2000 });
          } catch (err) {
            toast({ status: 'error', title: 'Could not revoke the invite', description: errorMessage(err) });
            throw err;
          }
        }}
      >
        Nobody will be able to join with this link any more. People who joined with it stay.
      </ConfirmDialog>
    </>
  );
}
