import { scalarResolvers } from '@dxhub/kit';
import { mutationResolvers } from './mutations.js';
import { queryResolvers } from './query.js';
import { responseFieldResolvers } from './responses.js';
import { resultsResolvers } from './results.js';
import { surveyTypeResolvers } from './survey.js';

/** Every resolver of the surveys subgraph; the Survey type's fields come from three files. */
export const resolvers = {
  ...scalarResolvers,
  ...queryResolvers,
  ...mutationResolvers,
  ...surveyTypeResolvers,
  Survey: {
    ...surveyTypeResolvers.Survey,
    ...responseFieldResolvers.Survey,
    ...resultsResolvers.Survey,
  },
  SurveyResults: resultsResolvers.SurveyResults,
  SurveyQuestionResult: resultsResolvers.SurveyQuestionResult,
};
