import { MenuList as ChakraMenuList, forwardRef, type MenuListProps } from '@chakra-ui/react';
import type { Variants } from 'framer-motion';

// Chakra's own variants set `visibility: visible` as a menu opens and `hidden` once its closing ends. A menu
// closed a frame or two after opening (Shift+F10 then Escape) can get the opening's `visible` after the
// closing's `hidden` (framer-motion sets it on a later frame): unseen at opacity 0, the list then stays over
// the page, taking the clicks meant for what is under it, and is read out. These variants leave visibility
// alone, so the list inherits it from Chakra's positioner, which is hidden exactly while the menu is closed
// (the closing fade is not seen; menus close at once).
const variants: Variants = {
  enter: { opacity: 1, scale: 1, transition: { duration: 0.2, ease: [0.4, 0, 0.2, 1] } },
  exit: { opacity: 0, scale: 0.8, transition: { duration: 0.1, ease: 'easeOut' } },
};
const motionProps = { variants };

/** Chakra's MenuList, hidden whenever its menu is closed however fast it opens and closes. */
export const MenuList = forwardRef<MenuListProps, 'div'>(function MenuList(props, ref) {
  return <ChakraMenuList ref={ref} motionProps={motionProps} {...props} />;
});
