import { errorText, reduceErrors } from 'c/ldsErrors';

describe('c-lds-errors', () => {
  it('reads the field and page errors of a UI API record error, not its generic summary', () => {
    const error = {
      status: 400,
      body: {
        enhancedErrorType: 'RecordError',
        message: 'An error occurred while trying to update the record. Please try again.',
        output: { errors: [{ message: 'Record is locked' }], fieldErrors: { Value__c: [{ message: 'Value: value outside of valid range' }] } },
      },
    };
    expect(reduceErrors(error)).toEqual(['Record is locked', 'Value: value outside of valid range']);
  });

  it('reads a UI API list of errors, a GraphQL errors array and a JavaScript error', () => {
    expect(reduceErrors({ body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] })).toEqual(['The requested resource does not exist']);
    expect(reduceErrors([{ message: 'Validation error : Field Foo__c is undefined' }])).toEqual(['Validation error : Field Foo__c is undefined']);
    expect(reduceErrors(new TypeError('Failed to fetch'))).toEqual(['Failed to fetch']);
    expect(reduceErrors({ body: { message: 'Session expired or invalid' } })).toEqual(['Session expired or invalid']);
  });

  it('drops repeats and falls back to a sentence when nothing says what went wrong', () => {
    expect(reduceErrors([{ message: 'Same' }, { message: 'Same' }])).toEqual(['Same']);
    expect(reduceErrors({ status: 500, body: {} })).toEqual(['Something went wrong, and the server did not say what.']);
    expect(errorText([{ message: 'One.' }, { message: 'Two.' }])).toBe('One. Two.');
  });
});
