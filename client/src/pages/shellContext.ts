import { createContext, useContext } from 'react';

interface Shell {
  isDesktop: boolean;
  openNav: () => void;
}

export const ShellContext = createContext<Shell>({ isDesktop: true, openNav: () => undefined });
export const useShell = () => useContext(ShellContext);
