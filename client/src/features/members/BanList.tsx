import { Box, Button, Center, HStack, Spinner, Stack, Text, useToast } from '@chakra-ui/react';
import { useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Ban, Party } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useGetBansQuery, useUnbanUserMutation } from './bansApi';

const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Who is banned from a party, why and since when, with Unban. */
export function BanList({ party }: { party: Party }) {
  const { data: bans, isLoading, error } = useGetBansQuery(party.id);
  const [unban] = useUnbanUserMutation();
  const [asking, setAsking] = useState<Ban | null>(null);
  const toast = useToast();

  if (isLoading) {
    return (
      <Center py="6">
        <Spinner label="Loading bans" />
      </Center>
    );
  }
  if (error) return <Text role="alert">{errorMessage(error, 'Could not load the bans.')}</Text>;
  if (!bans?.length) return <Text color="fg.muted">Nobody is banned from {party.name}.</Text>;

  return (
    <>
      <Stack as="ul" listStyleType="none" spacing="2" data-testid="ban-list">
        {bans.map((ban) => (
          <HStack
            as="li"
            key={ban.userId}
            borderWidth="1px"
            borderColor="border"
            borderRadius="md"
            p="3"
            align="start"
            data-testid="ban-row"
          >
            <Box flex="1" minW={0} fontSize="sm">
              <Text fontWeight="semibold">
                {ban.displayName}
                {ban.username && (
                  <Text as="span" color="fg.muted" fontWeight="normal">
                    {' '}
                    @{ban.username}
                  </Text>
                )}
              </Text>
              <Text color="fg.muted" fontSize="xs">
                Banned {date(ban.createdAt)}
              </Text>
              <Text mt="1">{ban.reason ? `Reason: ${ban.reason}` : 'No reason given.'}</Text>
            </Box>
            <Button size="sm" variant="outline" onClick={() => setAsking(ban)}>
              Unban
            </Button>
          </HStack>
        ))}
      </Stack>
      <ConfirmDialog
        isOpen={asking !== null}
        onClose={() => setAsking(null)}
        title="Lift ban"
        confirmLabel="Unban"
        onConfirm={async () => {
          if (!asking) return;
          try {
            await unban({ partyId: party.id, userId: asking.userId }).unwrap();
            toast({ status: 'success', title: `${asking.displayName} can join again`, duration: 2500 });
          } catch (err) {
            toast({ status: 'error', title: 'Could not lift the ban', description: errorMessage(err) });
            throw err;
          }
        }}
      >
        Let {asking?.displayName} join {party.name} again with an invite? They are not added back by this.
      </ConfirmDialog>
    </>
  );
}
