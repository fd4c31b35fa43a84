import { Button, Center, Heading, Stack, Text } from '@chakra-ui/react';
import { Link as RouterLink } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <Center h="100%">
      <Stack align="center" spacing="3">
        <Heading size="md">Page not found</Heading>
        <Text color="fg.muted">There is nothing at this address.</Text>
        <Button as={RouterLink} to="/">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}
