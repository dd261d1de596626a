/** The head of an invoice's lines table, the same in the editor and the issued view as on the PDF. */
export function LinesHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Description</th>
        <th scope="col" className="num">
          Quantity
        </th>
        <th scope="col" className="num">
          Price
        </th>
        <th scope="col">VAT</th>
        <th scope="col" className="num">
          Net
        </th>
      </tr>
    </thead>
  );
}
