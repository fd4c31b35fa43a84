import { Center, Spinner } from '@chakra-ui/react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';

import { useAppSelector } from '../../app/hooks';
import { selectAuthStatus } from './authSlice';

/** Signed-out visitors go to /signin and come back to where they were going afterwards. */
export function RequireAuth() {
  const status = useAppSelector(selectAuthStatus);
  const location = useLocation();
  if (status === 'unknown') {
    return (
      <Center h="100%">
        <Spinner size="lg" color="brand.500" label="Loading" />
      </Center>
    );
  }
  if (status === 'anonymous') {
    const returnTo = `${location.pathname}${location.search}`;
    const to = returnTo === '/' ? '/signin' : `/signin?returnTo=${encodeURIComponent(returnTo)}`;
    return <Navigate to={to} replace state={{ returnTo }} />;
  }
  return <Outlet />;
}
