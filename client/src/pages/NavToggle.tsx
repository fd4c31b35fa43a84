import { IconButton, type IconButtonProps } from '@chakra-ui/react';

import { MenuIcon } from '../components/icons';
import { useShell } from './shellContext';

/** The button that opens the navigation drawer at phone width; renders nothing on a desktop layout. */
export function NavToggle(props: Omit<IconButtonProps, 'aria-label' | 'icon' | 'onClick'>) {
  const { isDesktop, openNav } = useShell();
  if (isDesktop) return null;
  return (
    <IconButton
      aria-label="Open navigation"
      icon={<MenuIcon />}
      variant="ghost"
      onClick={openNav}
      {...props}
    />
  );
}
