import { Button, Center, Spinner, Stack, Text } from '@chakra-ui/react';
import { Navigate, useParams } from 'react-router-dom';

import { useGetTopicsQuery } from '../features/topics/topicsApi';
import { NavToggle } from './NavToggle';

/** /parties/:partyId opens the party's first topic. */
export function PartyIndex() {
  const { partyId = '' } = useParams();
  const { data: topics, isLoading, isError, refetch } = useGetTopicsQuery(partyId);
  if (isLoading) {
    return (
      <Center flex="1">
        <Spinner color="brand.500" label="Loading topics" />
      </Center>
    );
  }
  const first = topics?.[0];
  if (first) return <Navigate to={`/parties/${partyId}/topics/${first.id}`} replace />;
  return (
    <Center flex="1" p="6" position="relative">
      <NavToggle position="absolute" top="3" left="3" />
      <Stack align="center" textAlign="center" color="fg.muted">
        <Text>{isError ? 'Could not load the topics of this party.' : 'This party has no topics yet.'}</Text>
        {isError && (
          <Button size="sm" onClick={() => void refetch()}>
            Try again
          </Button>
        )}
      </Stack>
    </Center>
  );
}
