import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** Which topic is on screen and whether its newest message is in view: such messages are read on arrival. */
interface ViewState {
  topicId: string | null;
  atBottom: boolean;
}

const initialState: ViewState = { topicId: null, atBottom: false };

const viewSlice = createSlice({
  name: 'view',
  initialState,
  reducers: {
    viewChanged(_state, action: PayloadAction<ViewState>) {
      return action.payload;
    },
  },
});

export const { viewChanged } = viewSlice.actions;

export const isReadingLive = (state: { view: ViewState }, topicId: string): boolean =>
  state.view.topicId === topicId &&
  state.view.atBottom &&
  (typeof document === 'undefined' || document.visibilityState === 'visible');

export default viewSlice;
