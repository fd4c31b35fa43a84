import { Navigate, Outlet, useLocation } from 'react-router-dom';

import { useAppSelector } from '../../app/hooks';
import { selectAuthStatus } from './authSlice';
import { SessionRestoring } from './SessionRestoring';

/** Signed-out visitors go to /signin and come back to where they were going afterwards. */
export function RequireAuth() {
  const status = useAppSelector(selectAuthStatus);
  const location = useLocation();
  if (status === 'unknown') return <SessionRestoring />;
  if (status === 'anonymous') {
    const returnTo = `${location.pathname}${location.search}`;
    const to = returnTo === '/' ? '/signin' : `/signin?returnTo=${encodeURIComponent(returnTo)}`;
    return <Navigate to={to} replace state={{ returnTo }} />;
  }
  return <Outlet />;
}
