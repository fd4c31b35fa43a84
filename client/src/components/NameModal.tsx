import {
  Button,
  FormControl,
  FormErrorMessage,
  FormHelperText,
  FormLabel,
  Input,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
} from '@chakra-ui/react';
import { useEffect, useState, type FormEvent } from 'react';

import { errorMessage } from '../api/apiSlice';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  label: string;
  submitLabel: string;
  initialValue?: string;
  helper?: string;
  /** The contract's limit for this name (PARTY_NAME_MAX, TOPIC_NAME_MAX). */
  maxLength: number;
  /** Resolves when saved; a rejection is shown under the field. */
  onSubmit: (name: string) => Promise<unknown>;
}

/** A one-field form in a modal: create a party or topic, rename one. */
export function NameModal({
  isOpen,
  onClose,
  title,
  label,
  submitLabel,
  initialValue = '',
  helper,
  maxLength,
  onSubmit,
}: Props) {
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (isOpen) {
      setValue(initialValue);
      setError(null);
    }
  }, [isOpen, initialValue]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = value.trim();
    if (!name) return setError('Please enter a name.');
    setBusy(true);
    try {
      await onSubmit(name);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal isOpen={isOpen} onClose={onClose} isCentered>
      <ModalOverlay />
      <ModalContent as="form" onSubmit={submit} mx="4">
        <ModalHeader>{title}</ModalHeader>
        <ModalCloseButton />
        <ModalBody>
          <FormControl isInvalid={error !== null}>
            <FormLabel>{label}</FormLabel>
            <Input value={value} onChange={(e) => setValue(e.target.value)} maxLength={maxLength} autoFocus />
            {error ? (
              <FormErrorMessage>{error}</FormErrorMessage>
            ) : (
              helper && <FormHelperText>{helper}</FormHelperText>
            )}
          </FormControl>
        </ModalBody>
        <ModalFooter gap="2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" isLoading={busy}>
            {submitLabel}
          </Button>
        </ModalFooter>
      </ModalContent>
    </Modal>
  );
}
