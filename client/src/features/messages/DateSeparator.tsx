import { Box, Flex, Text } from '@chakra-ui/react';
import { memo } from 'react';

import { dateSeparatorLabel } from './dateSeparator';

/** A rule with the day in the middle, before the first message of each day. */
export const DateSeparator = memo(function DateSeparator({ date }: { date: string }) {
  const label = dateSeparatorLabel(date);
  return (
    <Flex
      role="separator"
      aria-label={label}
      align="center"
      gap="3"
      px="4"
      my="3"
      data-testid="date-separator"
    >
      <Box flex="1" h="1px" bg="border" />
      <Text as="time" dateTime={date.slice(0, 10)} fontSize="xs" fontWeight="semibold" color="fg.muted">
        {label}
      </Text>
      <Box flex="1" h="1px" bg="border" />
    </Flex>
  );
});
