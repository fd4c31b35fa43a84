import {
  Button,
  FormControl,
  FormHelperText,
  FormLabel,
  Modal,
  ModalBody,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Text,
  Textarea,
  useToast,
} from '@chakra-ui/react';
import { BAN_REASON_MAX } from '@partyline/contracts/limits';
import { useRef, useState, type FormEvent } from 'react';

import { errorMessage } from '../../api/apiSlice';
import type { Member, Party } from '../../api/types';
import { useBanUserMutation } from './bansApi';

/** Ban a member, with an optional reason the admins see in the ban list. */
export function BanDialog({ party, member, onClose }: { party: Party; member: Member; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [ban, { isLoading }] = useBanUserMutation();
  const toast = useToast();
  const cancelRef = useRef<HTMLButtonElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const trimmed = reason.trim();
      await ban({
        partyId: party.id,
        userId: member.userId,
        ...(trimmed ? { reason: trimmed } : {}),
      }).unwrap();
      toast({ status: 'success', title: `${member.displayName} is banned`, duration: 2500 });
      onClose();
    } catch (err) {
      setError(errorMessage(err, 'Could not ban.'));
    }
  };

  return (
    <Modal isOpen onClose={onClose} initialFocusRef={cancelRef} isCentered>
      <ModalOverlay />
      <ModalContent mx="4" as="form" onSubmit={submit}>
        <ModalHeader>Ban {member.displayName}</ModalHeader>
        <ModalBody>
          <Text mb="3">
            {member.displayName} leaves <b>{party.name}</b> and cannot join again, even with an invite, until
            the ban is lifted.
          </Text>
          <FormControl isInvalid={error !== null}>
            <FormLabel>Reason (optional)</FormLabel>
            <Textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={BAN_REASON_MAX}
              rows={3}
            />
            <FormHelperText>Only admins see it, in the ban list.</FormHelperText>
          </FormControl>
          {error && (
            <Text role="alert" color="fg.danger" mt="2" fontSize="sm">
              {error}
            </Text>
          )}
        </ModalBody>
        <ModalFooter gap="2">
          <Button ref={cancelRef} variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" colorScheme="red" isLoading={isLoading}>
            Ban
          </Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
