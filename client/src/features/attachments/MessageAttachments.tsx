import {
  Box,
  Button,
  Flex,
  HStack,
  IconButton,
  Image,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Spinner,
  Text,
  Tooltip,
  useToast,
} from '@chakra-ui/react';
import { useState } from 'react';

import type { Attachment, Message } from '../../api/types';
import { useAppDispatch } from '../../app/hooks';
import { freshAttachmentUrl, startDownload, useAttachmentUrl } from './attachmentUrls';
import { formatSize } from './formatSize';
import { DownloadIcon, FileIcon, ImageIcon } from '../../components/icons';

/** The server shows these inline (attachments.service.ts: isInlineImage); everything else downloads. */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;
/** The thumbnails are at most this big (messages-service thumbnail.ts); shown at most at this size. */
const BOX = 320;

/** The box an image takes before it loads, from its pixel size: the virtualized list never jumps. */
export function thumbnailBox(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, BOX / width, BOX / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A message's files: images inline with their thumbnail (click opens the full image), others as cards. */
export function MessageAttachments({ message }: { message: Message }) {
  const attachments = message.attachments ?? [];
  const [open, setOpen] = useState<Attachment | null>(null);
  if (message.deletedAt !== null || attachments.length === 0) return null;
  const images = attachments.filter((a) => INLINE_IMAGE.test(a.contentType) && a.hasThumbnail);
  const others = attachments.filter((a) => !images.includes(a));
  return (
    <Box mt="1" data-testid="message-attachments">
      {images.length > 0 && (
        <Flex wrap="wrap" gap="2">
          {images.map((a) => (
            <ImageThumbnail key={a.id} attachment={a} onOpen={() => setOpen(a)} />
          ))}
        </Flex>
      )}
      {others.length > 0 && (
        <Flex wrap="wrap" gap="2" mt={images.length > 0 ? 2 : 0}>
          {others.map((a) => (
            <FileCard
              key={a.id}
              attachment={a}
              {...(INLINE_IMAGE.test(a.contentType) ? { onOpen: () => setOpen(a) } : {})}
            />
          ))}
        </Flex>
      )}
      {open && <ImageViewer attachment={open} onClose={() => setOpen(null)} />}
    </Box>
  );
}

/**
 * The files of a message still being sent: names and sizes only (no thumbnail exists yet and nothing can
 * be downloaded before the message is stored), so the sender sees what is going out.
 */
export function PendingAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Flex wrap="wrap" gap="2" mt="1" data-testid="pending-attachments">
      {attachments.map((a) => {
        const Icon = INLINE_IMAGE.test(a.contentType) ? ImageIcon : FileIcon;
        return (
          <HStack
            key={a.id}
            spacing="2"
            maxW="100%"
            px="2.5"
            py="1.5"
            borderWidth="1px"
            borderColor="border"
            borderRadius="md"
            data-testid="pending-attachment"
          >
            <Icon boxSize="5" color="fg.muted" flexShrink={0} aria-hidden />
            <Text fontSize="sm" noOfLines={1} title={a.name}>
              {a.name}
            </Text>
            <Text fontSize="xs" color="fg.muted" whiteSpace="nowrap">
              {formatSize(a.size)}
            </Text>
          </HStack>
        );
      })}
    </Flex>
  );
}

function ImageThumbnail({ attachment, onOpen }: { attachment: Attachment; onOpen: () => void }) {
  const { url, failed, renew } = useAttachmentUrl(attachment.id, 'thumbnail');
  const [loaded, setLoaded] = useState(false);
  // One new URL after a load error (most likely it expired while the tab slept); a second error stays.
  const [retried, setRetried] = useState(false);
  const [broken, setBroken] = useState(false);
  const onError = () => {
    if (retried) return setBroken(true);
    setRetried(true);
    renew();
  };
  const unavailable = failed || broken;
  // Without a known size (not read yet), a square keeps the row's height fixed anyway.
  const size = thumbnailBox(attachment.width ?? BOX, attachment.height ?? BOX);
  return (
    <Box
      as="button"
      type="button"
      onClick={onOpen}
      aria-label={`Open image ${attachment.name}`}
      title={attachment.name}
      data-testid="attachment-image"
      data-box={`${size.width}x${size.height}`}
      position="relative"
      w={`${size.width}px`}
      maxW="100%"
      sx={{ aspectRatio: `${size.width} / ${size.height}` }}
      borderRadius="md"
      overflow="hidden"
      bg="bg.hover"
      borderWidth="1px"
      borderColor="border"
      cursor="zoom-in"
      _focusVisible={{ outline: '2px solid', outlineColor: 'brand.400', outlineOffset: '2px' }}
    >
      {url && (
        <Image
          src={url}
          alt={attachment.name}
          w="full"
          h="full"
          objectFit="cover"
          opacity={loaded ? 1 : 0}
          transition="opacity 0.15s"
          onLoad={() => setLoaded(true)}
          onError={onError}
          data-testid="attachment-thumbnail"
        />
      )}
      {!loaded && !unavailable && (
        <Flex position="absolute" inset="0" align="center" justify="center">
          <Spinner size="sm" color="fg.muted" label={`Loading ${attachment.name}`} />
        </Flex>
      )}
      {unavailable && (
        <Flex position="absolute" inset="0" align="center" justify="center" direction="column" gap="1">
          <ImageIcon boxSize="6" color="fg.muted" />
          <Text fontSize="xs" color="fg.muted">
            Could not load the image
          </Text>
        </Flex>
      )}
    </Box>
  );
}

function useDownload(attachment: Attachment) {
  const dispatch = useAppDispatch();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      startDownload(await freshAttachmentUrl(dispatch, attachment.id), attachment.name);
    } catch {
      toast({ status: 'error', title: `Could not download ${attachment.name}` });
    } finally {
      setBusy(false);
    }
  };
  return { busy, download: () => void download() };
}

function FileCard({ attachment, onOpen }: { attachment: Attachment; onOpen?: () => void }) {
  const { busy, download } = useDownload(attachment);
  const image = INLINE_IMAGE.test(attachment.contentType);
  const Icon = image ? ImageIcon : FileIcon;
  return (
    <HStack
      data-testid="attachment-file"
      spacing="3"
      w={{ base: 'full', sm: '300px' }}
      maxW="100%"
      px="3"
      py="2"
      borderWidth="1px"
      borderColor="border"
      borderRadius="md"
      bg="bg.sidebar"
    >
      <Icon boxSize="7" color="fg.muted" flexShrink={0} aria-hidden />
      <Box flex="1" minW={0}>
        {onOpen ? (
          <Button variant="link" size="sm" onClick={onOpen} maxW="full" justifyContent="start">
            <Text as="span" noOfLines={1}>
              {attachment.name}
            </Text>
          </Button>
        ) : (
          <Text fontSize="sm" fontWeight="medium" noOfLines={1} title={attachment.name}>
            {attachment.name}
          </Text>
        )}
        <Text fontSize="xs" color="fg.muted">
          {formatSize(attachment.size)}
        </Text>
      </Box>
      <Tooltip label="Download" openDelay={400}>
        <IconButton
          aria-label={`Download ${attachment.name}`}
          icon={<DownloadIcon />}
          size="sm"
          variant="ghost"
          isLoading={busy}
          onClick={download}
        />
      </Tooltip>
    </HStack>
  );
}

/** The full image in a modal; its URL is asked for when it opens (fresh, never a cached one). */
function ImageViewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const { url, failed, renew } = useAttachmentUrl(attachment.id, 'original');
  const { busy, download } = useDownload(attachment);
  const [retried, setRetried] = useState(false);
  return (
    <Modal isOpen onClose={onClose} size="4xl" isCentered>
      <ModalOverlay />
      <ModalContent data-testid="image-viewer" mx="3">
        <ModalHeader pr="12" fontSize="md">
          <Text noOfLines={1}>{attachment.name}</Text>
        </ModalHeader>
        <ModalCloseButton />
        <ModalBody display="flex" justifyContent="center" alignItems="center" minH="200px">
          {url ? (
            <Image
              src={url}
              alt={attachment.name}
              maxW="100%"
              maxH="70vh"
              objectFit="contain"
              onError={() => {
                if (retried) return;
                setRetried(true);
                renew();
              }}
              data-testid="image-viewer-image"
            />
          ) : failed ? (
            <Text color="fg.muted">Could not load the image.</Text>
          ) : (
            <Spinner label="Loading the image" />
          )}
        </ModalBody>
        <ModalFooter gap="2">
          <Text fontSize="sm" color="fg.muted" mr="auto" whiteSpace="nowrap">
            {formatSize(attachment.size)}
            {attachment.width && attachment.height && (
              // Phones: the size alone, so the buttons keep one line.
              <Box as="span" display={{ base: 'none', sm: 'inline' }}>
                {` · ${attachment.width}×${attachment.height}`}
              </Box>
            )}
          </Text>
          <Button leftIcon={<DownloadIcon />} variant="outline" onClick={download} isLoading={busy}>
            Download
          </Button>
          <Button onClick={onClose}>Close</Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
