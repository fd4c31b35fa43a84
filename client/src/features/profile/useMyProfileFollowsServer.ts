// My own name and avatar in the account menu follow changes made on my other devices: they arrive as
// `member:updated` for me in any of my parties (accounts' UserUpdated, applied by messages-service).
import { useEffect } from 'react';

import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { onServerEvent } from '../../socket/eventBus';
import { profileChanged, selectCurrentUser } from '../auth/authSlice';

export function useMyProfileFollowsServer(): void {
  const dispatch = useAppDispatch();
  const meId = useAppSelector(selectCurrentUser)?.id;
  useEffect(() => {
    if (!meId) return;
    return onServerEvent('member:updated', (member) => {
      if (member.userId !== meId || member.username === null) return;
      const { displayName, username, avatarUrl } = member;
      dispatch(profileChanged({ displayName, username, avatarUrl }));
    });
  }, [meId, dispatch]);
}
