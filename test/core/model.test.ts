import { fieldsOf, Initiative, relationshipName } from '../../src/core/model.js';

describe('model', () => {
  it('names fields by their API names', () => {
    expect(fieldsOf(Initiative).Purpose__c).toBe('Purpose__c');
    expect(relationshipName('Initiative__c')).toBe('Initiative__r');
  });
});
