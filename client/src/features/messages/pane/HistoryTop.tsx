import { Box, Center, Heading, Spinner, Text } from '@chakra-ui/react';

/** The top of the list: a hint (or a spinner) while older history exists, the topic's welcome once it is all loaded. */
export function HistoryTop({
  hasOlder,
  loading,
  topicName,
}: {
  hasOlder: boolean;
  loading: boolean;
  topicName: string;
}) {
  if (hasOlder) {
    return (
      <Center py="3">
        {loading ? (
          <Spinner size="sm" />
        ) : (
          <Text fontSize="xs" color="fg.subtle">
            Scroll up for older messages
          </Text>
        )}
      </Center>
    );
  }
  return (
    <Box px="4" pt="8" pb="4">
      <Heading as="h2" size="lg">
        Welcome to #{topicName}
      </Heading>
      <Text color="fg.muted">This is the start of the #{topicName} topic.</Text>
    </Box>
  );
}
