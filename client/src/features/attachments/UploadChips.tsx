import { Box, Button, Flex, HStack, IconButton, Image, Progress, Text, Tooltip } from '@chakra-ui/react';

import { formatSize } from './formatSize';
import { FileIcon, XIcon } from '../../components/icons';
import type { PendingUpload } from './uploads';

interface UploadChipsProps {
  uploads: PendingUpload[];
  onRemove: (localId: string) => void;
  onRetry: (localId: string) => void;
  canRetry: (localId: string) => boolean;
}

/** The composer's files: name, size, progress while uploading, a readable error, and remove (cancels). */
export function UploadChips({ uploads, onRemove, onRetry, canRetry }: UploadChipsProps) {
  if (uploads.length === 0) return null;
  return (
    <Flex as="ul" wrap="wrap" gap="2" mb="2" listStyleType="none" aria-label="Files to send">
      {uploads.map((u) => (
        <UploadChip
          key={u.localId}
          upload={u}
          onRemove={() => onRemove(u.localId)}
          {...(u.status === 'error' && canRetry(u.localId) ? { onRetry: () => onRetry(u.localId) } : {})}
        />
      ))}
    </Flex>
  );
}

function UploadChip({
  upload,
  onRemove,
  onRetry,
}: {
  upload: PendingUpload;
  onRemove: () => void;
  onRetry?: () => void;
}) {
  const { name, size, status, progress, error, previewUrl } = upload;
  const percent = Math.round(progress * 100);
  const failed = status === 'error';
  const removeLabel = status === 'uploading' ? `Cancel upload of ${name}` : `Remove ${name}`;
  return (
    <Box
      as="li"
      data-testid="upload-chip"
      data-status={status}
      position="relative"
      // As wide as the name needs, within bounds (full width on a phone).
      w={{ base: 'full', sm: 'auto' }}
      minW={{ sm: '200px' }}
      maxW={{ sm: '320px' }}
      borderWidth="1px"
      borderColor={failed ? 'fg.danger' : 'border'}
      borderRadius="md"
      bg="bg.app"
      px="2"
      py="1.5"
    >
      <HStack spacing="2" align="center">
        {previewUrl ? (
          <Image src={previewUrl} alt="" boxSize="8" objectFit="cover" borderRadius="sm" flexShrink={0} />
        ) : (
          <FileIcon boxSize="5" color="fg.muted" flexShrink={0} aria-hidden />
        )}
        <Box flex="1" minW={0}>
          <Text fontSize="sm" fontWeight="medium" noOfLines={1} title={name}>
            {name}
          </Text>
          <Text fontSize="xs" color={failed ? 'fg.danger' : 'fg.muted'} noOfLines={2} aria-live="polite">
            {failed
              ? error
              : status === 'uploading'
                ? `${formatSize(size)} · ${percent}%`
                : `${formatSize(size)} · Ready`}
          </Text>
        </Box>
        {onRetry && (
          <Button size="xs" variant="ghost" onClick={onRetry}>
            Retry
          </Button>
        )}
        <Tooltip label={status === 'uploading' ? 'Cancel upload' : 'Remove'} openDelay={400}>
          <IconButton
            aria-label={removeLabel}
            icon={<XIcon />}
            size="xs"
            variant="ghost"
            onClick={onRemove}
          />
        </Tooltip>
      </HStack>
      {status === 'uploading' && (
        <Progress
          value={percent}
          size="xs"
          mt="1"
          borderRadius="full"
          colorScheme="brand"
          aria-label={`Uploading ${name}`}
        />
      )}
    </Box>
  );
}
