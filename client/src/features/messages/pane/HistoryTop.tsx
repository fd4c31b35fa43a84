import { Box, Center, Heading, Spinner, Text } from '@chakra-ui/react';

/** What the top of a fully loaded history says, when not the topic's own welcome. */
export interface Welcome {
  title: string;
  body: string;
}

/** The top of the list: a hint (or a spinner) while older history exists, the topic's welcome once it is all loaded. */
export function HistoryTop({
  hasOlder,
  loading,
  topicName,
  welcome,
}: {
  hasOlder: boolean;
  loading: boolean;
  topicName: string;
  welcome?: Welcome | undefined;
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
        {welcome ? welcome.title : `Welcome to #${topicName}`}
      </Heading>
      <Text color="fg.muted">{welcome ? welcome.body : `This is the start of the #${topicName} topic.`}</Text>
    </Box>
  );
}
