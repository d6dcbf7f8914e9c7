import { FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginView } from '@contracts/auth/login.dto';
import { api } from '../api/client';
import { currentSession, startSession } from '../api/session';
import { validateForm } from '../forms/validate';
import { Field } from '../ui/Field';
import { ProblemMessage } from '../ui/ProblemMessage';

export default function LoginPage() {
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/admin/orders';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (currentSession()) return <Navigate to={from} replace />;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { email: String(form.get('email')), password: String(form.get('password')) };
    setBusy(true);
    setError(null);
    try {
      await validateForm('LoginDto', body);
      startSession(await api<LoginView>('/api/auth/login', { method: 'POST', body, token: null }));
      navigate(from, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Sign in to the back office</h1>
        <Field label="Email" name="email" error={error}><input type="email" autoComplete="username" required autoFocus /></Field>
        <Field label="Password" name="password" error={error}><input type="password" autoComplete="current-password" required /></Field>
        <ProblemMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
