import { Component, Fragment, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** Logs the error and shows it; the screen under the boundary is then drawn afresh. */
  onError(error: unknown): void;
  /** Drawn when the screen keeps failing as soon as it is drawn again. */
  fallback: ReactNode;
  children: ReactNode;
}

interface State {
  failed: boolean;
  /** Bumped to mount the screen afresh after an error. */
  generation: number;
  retries: number;
}

/** A screen failing at once this many times in a row is not drawn again (it would loop). */
const MAX_RETRIES = 3;

/**
 * An error while drawing a screen must not stop the register: it is reported, and the screen is mounted again
 * (the open sale is on disk, so the sale screen comes back with it).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { failed: false, generation: 0, retries: 0 };
  private resetTimer: NodeJS.Timeout | undefined;

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
    if (this.state.retries >= MAX_RETRIES) return;
    this.setState((s) => ({ failed: false, generation: s.generation + 1, retries: s.retries + 1 }));
    // A screen that stays up a while has recovered: later errors get their retries again.
    clearTimeout(this.resetTimer);
    this.resetTimer = setTimeout(() => this.setState({ retries: 0 }), 2000);
    this.resetTimer.unref();
  }

  override componentWillUnmount(): void {
    clearTimeout(this.resetTimer);
  }

  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback;
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
