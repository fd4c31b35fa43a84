import { Box, Portal, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState, type RefObject } from 'react';

import { PaperclipIcon } from '../../components/icons';

interface FileDropZoneProps {
  /** An element inside the topic view: files dropped anywhere on its page's main area are attached. */
  anchor: RefObject<HTMLElement | null>;
  onFiles: (files: File[]) => void;
  isDisabled?: boolean | undefined;
}

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Drag and drop of files onto the topic pane (the page's <main>, around the composer): while files are
 * dragged over it, an overlay says where they go; dropping them attaches them. Only drags that carry files
 * are taken, so dragging text or links inside the page works as before.
 */
export function FileDropZone({ anchor, onFiles, isDisabled }: FileDropZoneProps) {
  const [area, setArea] = useState<DOMRect | null>(null);
  // The latest callback, without re-subscribing (and losing the drag's state) on every render.
  const take = useRef(onFiles);
  take.current = onFiles;

  useEffect(() => {
    if (isDisabled) return;
    const zone = anchor.current?.closest('main') ?? document.body;
    // dragenter/dragleave fire for every child crossed: count them to know when the drag has left.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth += 1;
      if (depth === 1) setArea(zone.getBoundingClientRect());
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setArea(null);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setArea(null);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) take.current(files);
    };
    zone.addEventListener('dragenter', enter);
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', leave);
    zone.addEventListener('drop', drop);
    return () => {
      zone.removeEventListener('dragenter', enter);
      zone.removeEventListener('dragover', over);
      zone.removeEventListener('dragleave', leave);
      zone.removeEventListener('drop', drop);
      setArea(null);
    };
  }, [anchor, isDisabled]);

  if (!area) return null;
  return (
    <Portal>
      <Box
        position="fixed"
        top={`${area.top}px`}
        left={`${area.left}px`}
        w={`${area.width}px`}
        h={`${area.height}px`}
        zIndex="overlay"
        // The drop lands on the zone underneath, not on the overlay.
        pointerEvents="none"
        bg="blackAlpha.500"
        display="flex"
        alignItems="center"
        justifyContent="center"
        data-testid="drop-overlay"
      >
        <Box
          bg="bg.app"
          borderWidth="2px"
          borderStyle="dashed"
          borderColor="brand.400"
          borderRadius="xl"
          px="8"
          py="6"
          textAlign="center"
        >
          <PaperclipIcon boxSize="6" color="brand.400" />
          <Text mt="2" fontWeight="semibold">
            Drop files to attach them
          </Text>
        </Box>
      </Box>
    </Portal>
  );
}
