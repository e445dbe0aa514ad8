import { createTheme } from '@mantine/core';

// People who ask their system for less motion get dialogs and menus without transitions.
export const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md', respectReducedMotion: true });
