import {
  Button,
  FormControl,
  FormLabel,
  HStack,
  IconButton,
  Input,
  InputGroup,
  InputRightElement,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Select,
  Stack,
  Text,
  Tooltip,
  useToast,
} from '@chakra-ui/react';
import { useEffect, useState } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Party } from '../../api/types';
import { CopyIcon } from '../../components/icons';
import { inviteUrl, useCreateInviteMutation } from './invitesApi';

const EXPIRY = [
  { label: '30 minutes', seconds: 1800 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
  { label: 'Never', seconds: 0 },
];
const USES = [0, 1, 5, 10, 25, 100];

export function InviteModal({
  party,
  isOpen,
  onClose,
}: {
  party: Party;
  isOpen: boolean;
  onClose: () => void;
}) {
  const [expiry, setExpiry] = useState(86_400);
  const [maxUses, setMaxUses] = useState(0);
  const [link, setLink] = useState<string | null>(null);
  const [createInvite, { isLoading }] = useCreateInviteMutation();
  const toast = useToast();
  useEffect(() => {
    if (!isOpen) setLink(null);
  }, [isOpen]);

  const create = async () => {
    try {
      const invite = await createInvite({
        partyId: party.id,
        ...(expiry ? { expiresInSeconds: expiry } : {}),
        ...(maxUses ? { maxUses } : {}),
      }).unwrap();
      setLink(inviteUrl(invite.code));
    } catch (err) {
      toast({ status: 'error', title: 'Could not create the invite', description: errorMessage(err) });
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      toast({ status: 'success', title: 'Invite link copied', duration: 2000 });
    } catch {
      // Clipboard needs a secure context and permission; selecting the text lets people copy by hand.
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
    }
  };

  return (
    <Modal isOpen={isOpen} onClose={onClose} isCentered size="md">
      <ModalOverlay />
      <ModalContent mx="4">
        <ModalHeader>Invite people to {party.name}</ModalHeader>
        <ModalCloseButton />
        <ModalBody>
          <Stack spacing="4">
            <HStack spacing="3" align="end">
              <FormControl>
                <FormLabel fontSize="sm">Expires after</FormLabel>
                <Select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))} size="sm">
                  {EXPIRY.map((o) => (
                    <option key={o.seconds} value={o.seconds}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </FormControl>
              <FormControl>
                <FormLabel fontSize="sm">Max uses</FormLabel>
                <Select value={maxUses} onChange={(e) => setMaxUses(Number(e.target.value))} size="sm">
                  {USES.map((n) => (
                    <option key={n} value={n}>
                      {n === 0 ? 'No limit' : `${n} ${n === 1 ? 'use' : 'uses'}`}
                    </option>
                  ))}
                </Select>
              </FormControl>
            </HStack>
            {link && (
              // The id goes on the FormControl: it names the input and points the label at it.
              <FormControl id="invite-link">
                <FormLabel fontSize="sm">Share this link</FormLabel>
                <InputGroup>
                  <Input
                    value={link}
                    isReadOnly
                    onFocus={(e) => e.target.select()}
                    pr="10"
                    data-testid="invite-link"
                  />
                  <InputRightElement>
                    <Tooltip label="Copy link">
                      <IconButton
                        aria-label="Copy invite link"
                        icon={<CopyIcon />}
                        size="sm"
                        variant="ghost"
                        onClick={() => void copy()}
                      />
                    </Tooltip>
                  </InputRightElement>
                </InputGroup>
                <Text fontSize="xs" color="fg.muted" mt="1">
                  The link is shown only once. Anyone with it can join until it expires or runs out of uses.
                </Text>
              </FormControl>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter gap="2">
          <Button variant="ghost" onClick={onClose}>
            Done
          </Button>
          <Button onClick={() => void create()} isLoading={isLoading}>
            {link ? 'Create another link' : 'Create invite link'}
          </Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
