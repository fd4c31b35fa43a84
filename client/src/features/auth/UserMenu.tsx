import {
  Avatar,
  Menu,
  MenuButton,
  MenuDivider,
  MenuGroup,
  MenuItem,
  Text,
  useColorMode,
  useDisclosure,
  useToast,
} from '@chakra-ui/react';

import { errorMessage } from '../../api/apiSlice';
import { useAppSelector } from '../../app/hooks';
import { MenuList } from '../../components/MenuList';
import { MoonIcon, SunIcon } from '../../components/icons';
import { EditProfileModal } from '../profile/EditProfileModal';
import { selectCurrentUser } from './authSlice';
import { useSignOutEverywhereMutation, useSignOutMutation } from './authApi';

export function UserMenu() {
  const me = useAppSelector(selectCurrentUser);
  const { colorMode, toggleColorMode } = useColorMode();
  const [signOut] = useSignOutMutation();
  const [signOutEverywhere] = useSignOutEverywhereMutation();
  const toast = useToast();
  const editProfile = useDisclosure();
  return (
    <>
      <Menu placement="right-end">
        <MenuButton aria-label="Account menu" borderRadius="full" data-testid="user-menu">
          <Avatar size="sm" name={me?.displayName} src={me?.avatarUrl ?? undefined} />
        </MenuButton>
        <MenuList zIndex="popover">
          <MenuGroup title={me?.displayName}>
            <Text px="3" pb="2" fontSize="xs" color="fg.muted">
              @{me?.username}
            </Text>
          </MenuGroup>
          <MenuItem onClick={editProfile.onOpen} data-testid="edit-profile-item">
            Edit profile
          </MenuItem>
          <MenuDivider />
          <MenuItem icon={colorMode === 'dark' ? <SunIcon /> : <MoonIcon />} onClick={toggleColorMode}>
            {colorMode === 'dark' ? 'Light mode' : 'Dark mode'}
          </MenuItem>
          <MenuDivider />
          <MenuItem onClick={() => void signOut()}>Sign out</MenuItem>
          <MenuItem
            color="fg.danger"
            onClick={() =>
              signOutEverywhere()
                .unwrap()
                .catch((err: unknown) => toast({ status: 'error', title: errorMessage(err) }))
            }
          >
            Sign out everywhere
          </MenuItem>
        </MenuList>
      </Menu>
      <EditProfileModal isOpen={editProfile.isOpen} onClose={editProfile.onClose} />
    </>
  );
}
