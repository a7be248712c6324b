import { notifications } from '@mantine/notifications';
import { IconCheck, IconX } from '@tabler/icons-react';
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { toProblem } from './errors';

let counter = 0;

export interface MutationMessages<TData, TVariables> {
  /** Shown with a spinner while the call runs. */
  pending: string;
  success: string | ((data: TData, variables: TVariables) => string);
  /** Title of the error notification; the server's message is its body. */
  error?: string;
  /** Forms show the server's refusal themselves (per field); set to skip the error notification's body details. */
  quietError?: boolean;
}

/**
 * useMutation with feedback: a progress notification that turns into success or error. Every mutation in the
 * app goes through this, so no click is left without an answer.
 */
export function useNotifiedMutation<TData, TError, TVariables, TContext>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  messages: MutationMessages<TData, TVariables>,
) {
  const ids = useRef(new Map<TVariables, string>()).current;
  return useMutation<TData, TError, TVariables, TContext>({
    ...options,
    onMutate: async (variables, context) => {
      const id = `mutation-${++counter}`;
      ids.set(variables, id);
      notifications.show({
        id,
        loading: true,
        title: messages.pending,
        message: 'Please wait…',
        autoClose: false,
        withCloseButton: false,
      });
      return (await options.onMutate?.(variables, context)) as TContext;
    },
    onSuccess: (data, variables, onMutateResult, context) => {
      const id = ids.get(variables);
      const text =
        typeof messages.success === 'function' ? messages.success(data, variables) : messages.success;
      if (id) {
        notifications.update({
          id,
          loading: false,
          color: 'green',
          title: text,
          message: '',
          icon: <IconCheck size={18} />,
          autoClose: 3000,
          withCloseButton: true,
        });
      }
      ids.delete(variables);
      return options.onSuccess?.(data, variables, onMutateResult, context);
    },
    onError: (error, variables, onMutateResult, context) => {
      const id = ids.get(variables);
      const problem = toProblem(error);
      if (id) {
        if (problem.code === 'UNAUTHORIZED') {
          notifications.hide(id);
        } else {
          notifications.update({
            id,
            loading: false,
            color: 'red',
            title: messages.error ?? 'The change was not saved',
            message: messages.quietError ? 'See the form for details.' : problem.message,
            icon: <IconX size={18} />,
            autoClose: 6000,
            withCloseButton: true,
          });
        }
      }
      ids.delete(variables);
      return options.onError?.(error, variables, onMutateResult, context);
    },
  });
}
