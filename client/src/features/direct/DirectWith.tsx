import { Center, Spinner } from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';

import { errorMessage } from '../../api/apiSlice';
import { DeadEnd } from '../../pages/DeadEnd';
import { useStartConversationMutation } from './directApi';

/**
 * `/direct/with/:userId` (a profile card's "Message" button): finds or makes our 1:1 and replaces itself
 * with the conversation's address, so Back does not come here again.
 */
export function DirectWith() {
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const [start] = useStartConversationMutation();
  const [error, setError] = useState<string | null>(null);
  const asked = useRef<string | null>(null);

  useEffect(() => {
    // Once per person (StrictMode runs effects twice; the server would answer the same 1:1 anyway).
    if (asked.current === userId) return;
    asked.current = userId;
    setError(null);
    start({ userIds: [userId] })
      .unwrap()
      .then(
        (conversation) => navigate(`/direct/${conversation.id}`, { replace: true }),
        (err: unknown) => setError(errorMessage(err, 'Could not open the conversation')),
      );
  }, [userId, start, navigate]);

  if (error) {
    return <DeadEnd title="You can’t message this person" body={error} to="/" action="Go to your parties" />;
  }
  return (
    <Center flex="1">
      <Spinner color="brand.500" label="Opening the conversation" />
    </Center>
  );
}
