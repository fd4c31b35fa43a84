import { ToastProvider } from '@chakra-ui/react';

/** Chakra's toast region, in a chunk of its own: it brings framer-motion, which the first paint needs not. */
export default function Toasts() {
  return <ToastProvider />;
}
