// "Edit profile" from the account menu: display name and avatar. A new picture goes straight from the
// browser to object storage (presigned PUT), then the service makes the avatar from it (square, 256 px);
// nothing is changed until Save.
import {
  Avatar,
  Button,
  FormControl,
  FormErrorMessage,
  FormHelperText,
  FormLabel,
  HStack,
  Input,
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalFooter,
  ModalHeader,
  ModalOverlay,
  Stack,
  Text,
  useToast,
  VisuallyHidden,
} from '@chakra-ui/react';
import { AVATAR_CONTENT_TYPES, DISPLAY_NAME_MAX } from '@partyline/contracts/limits';
import { useRef, useState, type FormEvent } from 'react';

import { errorMessage } from '../../api/apiSlice';
import { useAppSelector } from '../../app/hooks';
import { selectCurrentUser } from '../auth/authSlice';
import {
  avatarFileProblem,
  putToStorage,
  useCompleteAvatarMutation,
  useRemoveAvatarMutation,
  useStartAvatarUploadMutation,
  useUpdateProfileMutation,
} from './profileApi';

/** What Save does to the avatar. */
type AvatarChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'replace'; file: File; preview: string };

export function EditProfileModal({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Modal isOpen={isOpen} onClose={onClose} size="md">
      <ModalOverlay />
      {/* Mounted only while open, so every opening starts from the saved profile. */}
      {isOpen && <EditProfileForm onClose={onClose} />}
    </Modal>
  );
}

function EditProfileForm({ onClose }: { onClose: () => void }) {
  const me = useAppSelector(selectCurrentUser);
  const [name, setName] = useState(me?.displayName ?? '');
  const [avatar, setAvatar] = useState<AvatarChange>({ kind: 'keep' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const [updateProfile] = useUpdateProfileMutation();
  const [startUpload] = useStartAvatarUploadMutation();
  const [completeAvatar] = useCompleteAvatarMutation();
  const [removeAvatar] = useRemoveAvatarMutation();

  const trimmed = name.trim();
  const nameProblem = trimmed === '' ? 'A display name is needed.' : null;
  const shown =
    avatar.kind === 'replace'
      ? avatar.preview
      : avatar.kind === 'remove'
        ? undefined
        : (me?.avatarUrl ?? undefined);
  const changed = trimmed !== me?.displayName || avatar.kind !== 'keep';

  const choose = (file: File | undefined) => {
    if (!file) return;
    const problem = avatarFileProblem(file);
    setFileProblem(problem);
    if (problem) return;
    // A data: URL, not a blob: one, which the app's Content-Security-Policy (img-src) does not allow.
    const reader = new FileReader();
    reader.onload = () => setAvatar({ kind: 'replace', file, preview: String(reader.result) });
    reader.readAsDataURL(file);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (nameProblem || !changed) return;
    setSaving(true);
    try {
      if (avatar.kind === 'replace') {
        const { uploadId, upload } = await startUpload({
          contentType: avatar.file.type,
          size: avatar.file.size,
        }).unwrap();
        await putToStorage(upload, avatar.file);
        await completeAvatar({ uploadId }).unwrap();
      } else if (avatar.kind === 'remove') {
        await removeAvatar().unwrap();
      }
      if (trimmed !== me?.displayName) await updateProfile({ displayName: trimmed }).unwrap();
      toast({ status: 'success', title: 'Profile saved', duration: 2000 });
      onClose();
    } catch (err) {
      toast({ status: 'error', title: errorMessage(err, err instanceof Error ? err.message : undefined) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <ModalContent as="form" onSubmit={(e: FormEvent) => void save(e)} data-testid="edit-profile">
      <ModalHeader>Edit profile</ModalHeader>
      <ModalCloseButton />
      <ModalBody>
        <Stack spacing="5">
          <FormControl isInvalid={!!fileProblem}>
            <FormLabel as="div">Avatar</FormLabel>
            <HStack spacing="4" align="center">
              <Avatar
                size="xl"
                name={trimmed || me?.displayName}
                src={shown}
                data-testid="edit-profile-avatar"
              />
              <Stack spacing="2" align="start">
                <Button size="sm" variant="outline" onClick={() => fileInput.current?.click()}>
                  {shown ? 'Change picture' : 'Upload picture'}
                </Button>
                {shown && (
                  <Button
                    size="sm"
                    variant="ghost"
                    colorScheme="red"
                    onClick={() => setAvatar({ kind: 'remove' })}
                  >
                    Remove picture
                  </Button>
                )}
              </Stack>
            </HStack>
            <VisuallyHidden>
              <input
                ref={fileInput}
                type="file"
                accept={AVATAR_CONTENT_TYPES.join(',')}
                aria-label="Choose an avatar picture"
                data-testid="avatar-file"
                tabIndex={-1}
                onChange={(e) => {
                  choose(e.target.files?.[0]);
                  e.target.value = ''; // the same file again is a new choice
                }}
              />
            </VisuallyHidden>
            {fileProblem ? (
              <FormErrorMessage>{fileProblem}</FormErrorMessage>
            ) : (
              <FormHelperText>
                PNG, JPEG, WebP or a still GIF, up to 10 MB. It is cropped to a square.
              </FormHelperText>
            )}
          </FormControl>
          <FormControl isInvalid={!!nameProblem} isRequired>
            <FormLabel>Display name</FormLabel>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={DISPLAY_NAME_MAX}
              autoComplete="nickname"
              data-testid="display-name"
            />
            {nameProblem ? (
              <FormErrorMessage>{nameProblem}</FormErrorMessage>
            ) : (
              <FormHelperText>
                How others see you in every party. Your username stays <Text as="b">@{me?.username}</Text>.
              </FormHelperText>
            )}
          </FormControl>
        </Stack>
      </ModalBody>
      <ModalFooter gap="2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          isLoading={saving}
          isDisabled={!!nameProblem || !changed}
          data-testid="save-profile"
        >
          Save
        </Button>
      </ModalFooter>
    </ModalContent>
  );
}
