// CBLAS and LAPACKE as Debian's libopenblas-dev and liblapacke-dev install them.
#include <cblas.h>
#include <lapacke.h>
// OpenBLAS's own thread control (declared in cblas.h of OpenBLAS; repeated for other cblas.h).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
