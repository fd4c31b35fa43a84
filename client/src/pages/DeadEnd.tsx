import { Button, Center, Heading, Stack, Text } from '@chakra-ui/react';
import { Link as RouterLink } from 'react-router-dom';

import { NavToggle } from './NavToggle';

interface Props {
  title: string;
  body: string;
  /** Where the way on leads, and what the button says. */
  to: string;
  action: string;
}

/** A page with nothing to show still offers a way on: a button somewhere useful, and the navigation. */
export function DeadEnd({ title, body, to, action }: Props) {
  return (
    <Center flex="1" p="6" position="relative" role="status">
      <NavToggle position="absolute" top="3" left="3" />
      <Stack align="center" textAlign="center" spacing="3" maxW="sm">
        <Heading as="h1" size="md">
          {title}
        </Heading>
        <Text color="fg.muted">{body}</Text>
        <Button as={RouterLink} to={to}>
          {action}
        </Button>
      </Stack>
    </Center>
  );
}
