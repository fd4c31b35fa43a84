import {
  Modal,
  ModalBody,
  ModalCloseButton,
  ModalContent,
  ModalHeader,
  ModalOverlay,
  Tab,
  TabList,
  TabPanel,
  TabPanels,
  Tabs,
} from '@chakra-ui/react';

import type { Party } from '../../api/types';
import { InviteList } from '../invites/InviteList';
import { BanList } from '../members/BanList';

/** Party management for admins: its invites (with revoke) and its bans (with unban). */
export function ManagePartyModal({
  party,
  isOpen,
  onClose,
  initialTab = 0,
}: {
  party: Party;
  isOpen: boolean;
  onClose: () => void;
  initialTab?: number;
}) {
  return (
    <Modal isOpen={isOpen} onClose={onClose} size="lg" scrollBehavior="inside">
      <ModalOverlay />
      <ModalContent mx="4">
        <ModalHeader pr="12">Manage {party.name}</ModalHeader>
        <ModalCloseButton />
        <ModalBody pb="6">
          <Tabs defaultIndex={initialTab} isLazy>
            <TabList>
              <Tab>Invites</Tab>
              <Tab>Bans</Tab>
            </TabList>
            <TabPanels>
              <TabPanel px="0">
                <InviteList party={party} />
              </TabPanel>
              <TabPanel px="0">
                <BanList party={party} />
              </TabPanel>
            </TabPanels>
          </Tabs>
        </ModalBody>
      </ModalContent>
    </Modal>
  );
}
